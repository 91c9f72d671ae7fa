// Apollo Client with errorPolicy 'all' and a token that may read customers only, asking
// for customers and invoices: the customers come back, invoices is null with its error.
import { gql, httpClient } from './apollo.mjs';
import { run } from './lib.mjs';

const BOTH = gql`
  query CustomersAndInvoices {
    customers(first: 2) { nodes { id company } }
    invoices(first: 2) { nodes { id number } }
  }
`;

run(async () => {
  const client = httpClient({ bearer: process.env.RESTRICTED_TOKEN });
  const result = await client.query({ query: BOTH, errorPolicy: 'all' });
  return {
    data: result.data ?? null,
    errors: (result.errors || []).map((error) => ({
      message: error.message, path: error.path, code: error.extensions?.code ?? null,
    })),
  };
});
