import { graphql } from 'react-relay';

export const customerCardFragment = graphql`
  fragment CustomerCard_customer on Customer
  @refetchable(queryName: "CustomerCardRefetchQuery")
  @argumentDefinitions(
    contactCount: { type: "Int", defaultValue: 3 }
    contactCursor: { type: "String" }
  ) {
    id
    company
    contacts(first: $contactCount, after: $contactCursor)
      @connection(key: "CustomerCard_contacts") {
      edges {
        node {
          id
          email
        }
      }
    }
  }
`;

export const customerCardQuery = graphql`
  query CustomerCardQuery($id: ID!) {
    customer(id: $id) {
      ...CustomerCard_customer
    }
  }
`;
