// graphql-ws (over the `ws` package: Node 20 has no global WebSocket) subscribes to
// recordChanged and receives a customer created through GraphQL and one created through
// Perfex's REST path. Prints the changes it received.
import { createClient } from 'graphql-ws';
import {
  WebSocket, createCustomerByGraphql, createCustomerByPerfex, run, token, until,
  untilListening, wsUrl,
} from './lib.mjs';

const prefix = process.env.COMPANY_PREFIX;
const SUBSCRIPTION = `subscription {
  recordChanged(types: ["customer"]) {
    type resource recordId
    record { ... on Customer { databaseId company } }
  }
}`;

run(async () => {
  const received = [];
  let failure = null;
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: (error) => { failure = error; },
  });
  const unsubscribe = client.subscribe(
    { query: SUBSCRIPTION },
    {
      next: (result) => {
        if (result.errors) {
          failure = result.errors;
        } else {
          received.push(result.data.recordChanged);
        }
      },
      error: (error) => { failure = error; },
      complete: () => {},
    },
  );
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
  unsubscribe();
  await client.dispose();
  return { changes: received };
});
