// Apollo Client's GraphQLWsLink subscribes to recordChanged and receives a customer
// created through GraphQL and one created through Perfex's REST path.
import { ApolloClient } from '@apollo/client/core/index.js';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions/index.js';
import { createClient } from 'graphql-ws';
import { cache, gql } from './apollo.mjs';
import {
  WebSocket, createCustomerByGraphql, createCustomerByPerfex, run, token, until,
  untilListening, wsUrl,
} from './lib.mjs';

const prefix = process.env.COMPANY_PREFIX;
const CHANGES = gql`
  subscription CustomerChanges {
    recordChanged(types: ["customer"]) {
      type resource recordId
      record { id ... on Customer { databaseId company } }
    }
  }
`;

run(async () => {
  const ws = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const client = new ApolloClient({ link: new GraphQLWsLink(ws), cache: cache() });
  const received = [];
  let failure = null;
  const subscription = client.subscribe({ query: CHANGES }).subscribe({
    next: (result) => {
      if (result.errors && result.errors.length) {
        failure = result.errors;
      } else {
        received.push(result.data.recordChanged);
      }
    },
    error: (error) => { failure = error; },
  });
  const failed = () => { if (failure) throw failure; return false; };
  await untilListening(received, prefix, failed);
  const viaGraphql = `${prefix} via GraphQL`;
  const viaPerfex = `${prefix} via perfex`;
  await createCustomerByGraphql(viaGraphql);
  await createCustomerByPerfex(viaPerfex);
  const companies = () => received.map((change) => change.record && change.record.company);
  await until(
    () => failed() || (companies().includes(viaGraphql) && companies().includes(viaPerfex)),
    'the changes of both writes',
  );
  subscription.unsubscribe();
  await ws.dispose();
  return { changes: received };
});
