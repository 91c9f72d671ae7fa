// What every client scenario shares: where the gateway is, how a scenario ends (one JSON
// line on stdout, or the client's own error on stderr and a non-zero exit), a bound on
// how long it may run, and plain HTTP writes that stand for another user of the CRM.
import WebSocket from 'ws';

export { WebSocket };

function setting(name) {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`the scenario needs ${name} in its environment\n`);
    process.exit(2);
  }
  return value;
}

export const url = setting('GRAPHQL_URL');
export const wsUrl = url.replace(/^http/, 'ws');
export const base = url.replace(/\/graphql$/, '');
export const token = setting('TOKEN');
export const seconds = Number(process.env.SCENARIO_SECONDS || '30');

// The client's own words: Apollo's graphQLErrors and networkError, graphql-ws's close
// code and reason or its list of GraphQL errors, urql's CombinedError.
export function describe(error) {
  if (Array.isArray(error)) {
    return error.map(describe).join('; ');
  }
  if (error && typeof error === 'object' && 'code' in error && 'reason' in error && !error.message) {
    return `WebSocket closed ${error.code}: ${error.reason || '(no reason)'}`;
  }
  if (error instanceof Error || (error && typeof error.message === 'string')) {
    const parts = [`${error.name || 'Error'}: ${error.message}`];
    if (error.graphQLErrors && error.graphQLErrors.length) {
      parts.push(`graphQLErrors ${JSON.stringify(error.graphQLErrors)}`);
    }
    if (error.networkError) {
      const network = error.networkError;
      parts.push(`networkError ${network.message}${network.result ? ` ${JSON.stringify(network.result)}` : ''}`);
    }
    if (error.extensions && Object.keys(error.extensions).length) {
      parts.push(`extensions ${JSON.stringify(error.extensions)}`);
    }
    return parts.join(' | ');
  }
  return JSON.stringify(error);
}

export function fail(error) {
  process.stderr.write(`${describe(error)}\n`);
  process.exit(1);
}

// Runs the scenario and exits: open sockets would otherwise keep Node alive.
export function run(scenario) {
  const timer = setTimeout(
    () => fail(new Error(`no result within ${seconds}s`)),
    seconds * 1000,
  );
  scenario().then(
    (result) => {
      clearTimeout(timer);
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    fail,
  );
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A GraphQL write by someone else (plain fetch, not the client under test).
export async function graphqlWrite(query, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) {
    throw new Error(`GraphQL write failed: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

const CREATE_CUSTOMER = `mutation($company: String!) {
  createCustomer(input: {company: $company}) { record { id } userErrors { field message } }
}`;

export async function createCustomerByGraphql(company) {
  const data = await graphqlWrite(CREATE_CUSTOMER, { company });
  const made = data.createCustomer;
  if (made.userErrors.length) {
    throw new Error(`createCustomer: ${JSON.stringify(made.userErrors)}`);
  }
  return made.record.id;
}

// A Perfex CRM client's write: a form body on /api/customers with the `authtoken` header.
export async function createCustomerByPerfex(company) {
  const response = await fetch(`${base}/api/customers`, {
    method: 'POST',
    headers: { authtoken: token },
    body: new URLSearchParams({ company }),
  });
  const body = await response.json();
  if (!response.ok || body.status !== true) {
    throw new Error(`perfex POST /api/customers: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.id;
}

// Writes customers named `${prefix} warm-up N` until the subscription reports one: the
// server starts listening some time after the subscribe message, and no protocol message
// says when, so only an event proves it is listening. `failed` throws what the client
// reported (a close, an error), so its own words end the scenario rather than a write's.
export async function untilListening(received, prefix, failed) {
  const deadline = Date.now() + (seconds * 1000) / 2;
  for (let n = 1; Date.now() < deadline; n += 1) {
    try {
      await createCustomerByGraphql(`${prefix} warm-up ${n}`);
    } catch (error) {
      await sleep(200);
      failed(); // the client's reason first, when it has one
      throw error;
    }
    const until = Date.now() + 1000;
    while (Date.now() < until) {
      failed();
      if (received.length) {
        return;
      }
      await sleep(50);
    }
  }
  throw new Error('the subscription reported none of the warm-up writes');
}

export async function until(predicate, what) {
  const deadline = Date.now() + (seconds * 1000) / 2;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(50);
  }
}
