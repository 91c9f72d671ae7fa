// Apollo Client 3 as a Node program builds it. Node's ESM loader needs the `/index.js`
// entry points of Apollo Client 3 (bundlers accept the bare paths too).
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client/core/index.js';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev/index.js';
import { relayStylePagination } from '@apollo/client/utilities/index.js';
import { token, url } from './lib.mjs';

// Apollo's errors and warnings in words, not go.apollo.dev links: a failure quotes them.
loadDevMessages();
loadErrorMessages();

export { gql } from '@apollo/client/core/index.js';

export function cache() {
  return new InMemoryCache({
    typePolicies: { Query: { fields: { customers: relayStylePagination() } } },
  });
}

export function httpClient({ bearer = token, link = null } = {}) {
  const http = new HttpLink({ uri: url, headers: { Authorization: `Bearer ${bearer}` } });
  return new ApolloClient({ link: link ? link.concat(http) : http, cache: cache() });
}
