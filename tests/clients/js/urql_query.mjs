// urql (@urql/core) over HTTP: a query with variables, as a urql application sends it.
import { Client, cacheExchange, fetchExchange, gql } from '@urql/core';
import { run, token, url } from './lib.mjs';

const CUSTOMERS = gql`
  query UrqlCustomers($first: Int!) {
    customers(first: $first) {
      totalCount
      nodes { id company contacts(first: 1) { nodes { email } } }
    }
  }
`;

run(async () => {
  const client = new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { headers: { Authorization: `Bearer ${token}` } },
  });
  const result = await client.query(CUSTOMERS, { first: 3 }).toPromise();
  if (result.error) {
    throw result.error;
  }
  return { data: result.data };
});
