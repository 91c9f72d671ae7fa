// Apollo's automatic persisted queries: a first client registers a query (its hash-only
// request is refused as PersistedQueryNotFound, so it sends the query), then a second
// client, with an empty cache, runs it by its hash alone. Prints each request's shape.
import { createHash } from 'node:crypto';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';
import { ApolloClient, HttpLink } from '@apollo/client/core/index.js';
import { cache, gql } from './apollo.mjs';
import { run, token, url } from './lib.mjs';

const sha256 = (query) => createHash('sha256').update(query).digest('hex');
const name = process.env.OPERATION_NAME || 'PersistedCustomers';
const QUERY = gql(`query ${name} { customers(first: 2) { nodes { id company } } }`);

function client(requests) {
  // Records what goes over the wire: whether the body carried the document, and the hash.
  const recording = async (input, init) => {
    const body = JSON.parse(init.body);
    const response = await fetch(input, init);
    const answer = await response.clone().json();
    requests.push({
      hasQuery: typeof body.query === 'string',
      sha256Hash: body.extensions?.persistedQuery?.sha256Hash ?? null,
      status: response.status,
      errorCodes: (answer.errors || []).map((error) => error.extensions?.code ?? error.message),
    });
    return response;
  };
  const http = new HttpLink({ uri: url, headers: { Authorization: `Bearer ${token}` }, fetch: recording });
  const link = createPersistedQueryLink({ sha256 }).concat(http);
  return new ApolloClient({ link, cache: cache() });
}

run(async () => {
  const first = [];
  const second = [];
  const registered = await client(first).query({ query: QUERY });
  const byHash = await client(second).query({ query: QUERY });
  return {
    first: { requests: first, data: registered.data },
    second: { requests: second, data: byHash.data },
  };
});
