// Relay operations over the gateway's schema.graphql: a paginated list of customers
// (@connection, refetchable from Query) and a customer card whose contacts paginate and
// which Relay refetches through Query.node (@refetchable on a Node type).
import { graphql } from 'react-relay';

export const customerListQuery = graphql`
  query CustomerListQuery($count: Int!) {
    ...CustomerList_query @arguments(count: $count)
  }
`;

export const customerListFragment = graphql`
  fragment CustomerList_query on Query
  @refetchable(queryName: "CustomerListPaginationQuery")
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 10 }
    cursor: { type: "String" }
  ) {
    customers(first: $count, after: $cursor) @connection(key: "CustomerList_customers") {
      edges {
        node {
          id
          ...CustomerCard_customer
        }
      }
    }
  }
`;
