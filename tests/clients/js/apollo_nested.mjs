// Apollo Client over HTTP: a nested query (customers, their contacts and invoices),
// answered through the normalised cache. Prints the data Apollo hands the application.
import { gql, httpClient } from './apollo.mjs';
import { run } from './lib.mjs';

const NESTED = gql`
  query Nested {
    customers(first: 3) {
      nodes {
        id company
        contacts(first: 2) { nodes { id email } }
        invoices(first: 2) { nodes { id number total status } }
      }
    }
  }
`;

run(async () => {
  const client = httpClient();
  const { data, errors } = await client.query({ query: NESTED });
  if (errors && errors.length) {
    throw errors;
  }
  return { data };
});
