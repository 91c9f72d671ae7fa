// Apollo Client's relayStylePagination: a query of the first page, then fetchMore twice
// from the last endCursor. Prints the merged edges the cache hands the application.
import { gql, httpClient } from './apollo.mjs';
import { run } from './lib.mjs';

const pageSize = Number(process.env.PAGE_SIZE || '4');
const PAGE = gql`
  query CustomerPages($first: Int!, $after: String) {
    customers(first: $first, after: $after) {
      edges { cursor node { id company } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

run(async () => {
  const client = httpClient();
  const watched = client.watchQuery({ query: PAGE, variables: { first: pageSize } });
  // The first result, keeping the subscription that keeps the query watched.
  let current = await new Promise((resolve, reject) => {
    watched.subscribe({ next: resolve, error: reject });
  });
  const seen = [current.data.customers.edges.length];
  for (let page = 2; page <= 3; page += 1) {
    const { endCursor } = current.data.customers.pageInfo;
    await watched.fetchMore({ variables: { first: pageSize, after: endCursor } });
    current = watched.getCurrentResult();
    seen.push(current.data.customers.edges.length);
  }
  const { edges, pageInfo } = current.data.customers;
  return {
    lengths: seen,
    edges: edges.map((edge) => ({ cursor: edge.cursor, id: edge.node.id, company: edge.node.company })),
    pageInfo: { hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor },
  };
});
