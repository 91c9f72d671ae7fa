// Trusted documents with Apollo Client: the persisted-queries link sends each operation
// by the id @apollo/generate-persisted-query-manifest gave it (MANIFEST, the file the
// gateway was started with), never its text. An operation the manifest does not list is
// tried too, by hash then as text, as the link does. Prints what went over the wire.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';
import { ApolloClient, HttpLink } from '@apollo/client/core/index.js';
import { generatePersistedQueryIdsFromManifest } from '@apollo/persisted-query-lists';
import { cache, gql } from './apollo.mjs';
import { run, token, url } from './lib.mjs';

const manifest = JSON.parse(readFileSync(process.env.MANIFEST, 'utf8'));
const source = (name) => readFileSync(new URL(`./trusted/${name}.graphql`, import.meta.url), 'utf8');

function client(requests, persisted) {
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
  return new ApolloClient({ link: persisted.concat(http), cache: cache() });
}

async function attempt(promise) {
  try {
    return { data: (await promise).data };
  } catch (error) {
    // A 400 reaches Apollo as a network error carrying the reply's errors.
    const errors = error.graphQLErrors?.length ? error.graphQLErrors : error.networkError?.result?.errors;
    return { error: (errors || []).map((e) => e.extensions?.code ?? e.message) };
  }
}

run(async () => {
  const listed = [];
  const fromManifest = createPersistedQueryLink(
    generatePersistedQueryIdsFromManifest({ loadManifest: () => manifest }),
  );
  const trusted = client(listed, fromManifest);
  const customers = await trusted.query({ query: gql(source('TrustedCustomers')), variables: { first: 2 } });
  const id = customers.data.customers.nodes[0].id;
  const customer = await trusted.query({ query: gql(source('TrustedCustomer')), variables: { id } });

  const unlisted = [];
  const sha256 = (text) => createHash('sha256').update(text).digest('hex');
  const other = client(unlisted, createPersistedQueryLink({ sha256 }));
  const refused = await attempt(
    other.query({ query: gql('query NotListed { customers(first: 1) { nodes { id } } }') }),
  );
  return {
    listed: { requests: listed, customers: customers.data, customer: customer.data },
    unlisted: { requests: unlisted, refused },
  };
});
