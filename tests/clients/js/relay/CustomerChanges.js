import { graphql } from 'react-relay';

export const customerChangesSubscription = graphql`
  subscription CustomerChangesSubscription {
    recordChanged(types: ["customer"]) {
      type
      recordId
      record {
        id
        ...CustomerCard_customer @alias
      }
    }
  }
`;
