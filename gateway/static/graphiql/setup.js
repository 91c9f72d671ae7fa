// Renders GraphiQL for the gateway. Not vendored: this file is the project's own.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("graphiql-config").textContent);

  // A token may come as ?token=... (or #token=..., which never reaches a server log).
  // Once read it is dropped from the address bar so it stays out of history and bookmarks.
  var query = new URLSearchParams(window.location.search);
  var fragment = new URLSearchParams(window.location.hash.slice(1));
  var token = query.get("token") || fragment.get("token") || "";
  if (query.has("token") || fragment.has("token")) {
    query.delete("token");
    fragment.delete("token");
    var search = query.toString();
    var hash = fragment.toString();
    window.history.replaceState(
      null,
      "",
      window.location.pathname + (search ? "?" + search : "") + (hash ? "#" + hash : "")
    );
  }

  var headers = JSON.stringify({ Authorization: "Bearer " + (token || "<token>") }, null, 2);

  // Subscriptions go over graphql-ws to the page's own origin (wss: when the page came
  // over https:), so they work wherever the page does, behind a proxy too.
  var socketUrl = new URL(config.endpoint, window.location.href);
  socketUrl.protocol = socketUrl.protocol === "https:" ? "wss:" : "ws:";
  var subscriptionUrl = socketUrl.href;

  var httpFetcher = GraphiQL.createFetcher({
    url: config.endpoint,
    enableIncrementalDelivery: false,
    headers: { Accept: "application/graphql-response+json, application/json;q=0.9" },
  });

  // A browser cannot set headers on a WebSocket: the credential travels in
  // connection_init's payload instead, taken from the header editor.
  function authorizationOf(editorHeaders) {
    var names = Object.keys(editorHeaders || {});
    for (var i = 0; i < names.length; i++) {
      var value = editorHeaders[names[i]];
      if (names[i].toLowerCase() === "authorization" && typeof value === "string") {
        return value;
      }
    }
    return "";
  }

  // One client per credential: a connection is signed in once, at connection_init, so
  // edited headers need a new connection. An older client keeps its running
  // subscriptions; being lazy, it closes its socket when the last of them ends.
  var live = { credential: null, client: null };

  function liveClient(credential) {
    if (live.client === null || live.credential !== credential) {
      live.credential = credential;
      live.client = graphqlWs.createClient({
        url: subscriptionUrl,
        connectionParams: credential ? { Authorization: credential } : {},
        lazy: true,
        // In an IDE a lost connection is news: say so rather than retry behind the user.
        retryAttempts: 0,
      });
    }
    return live.client;
  }

  // A closed socket rejects with a CloseEvent, which GraphiQL would print as `{}`: shown
  // instead as an error in GraphQL's shape (with no stack trace, which says nothing here).
  function explained(error) {
    if (error && typeof error.code === "number" && "reason" in error) {
      return {
        message:
          "The gateway closed the subscription's connection: " +
          error.code +
          (error.reason ? " " + error.reason : "") +
          (error.code === 4403 ? " (is the token in Headers valid?)" : ""),
        extensions: { closeCode: error.code, reason: error.reason },
      };
    }
    return error;
  }

  function subscribe(params, credential) {
    var results = liveClient(credential).iterate({
      query: params.query,
      variables: params.variables,
      operationName: params.operationName,
    });
    var iterator = {
      next: function () {
        return results.next().catch(function (error) {
          throw explained(error);
        });
      },
      return: function () {
        return results.return();
      },
    };
    iterator[Symbol.asyncIterator] = function () {
      return iterator;
    };
    return iterator;
  }

  function operationType(params, documentAST) {
    if (!documentAST) {
      return null;
    }
    var operations = documentAST.definitions.filter(function (definition) {
      return (
        definition.kind === "OperationDefinition" &&
        (!params.operationName ||
          (definition.name && definition.name.value === params.operationName))
      );
    });
    return operations.length === 1 ? operations[0].operation : null;
  }

  function fetcher(params, options) {
    if (operationType(params, options && options.documentAST) === "subscription") {
      return subscribe(params, authorizationOf(options.headers));
    }
    return httpFetcher(params, options);
  }

  // GraphiQL keeps its tabs, history and settings in localStorage under "graphiql:", which
  // every GraphiQL served from the same origin shares (localhost:8000 serves many a
  // project). The gateway's live under a prefix of their own, so another one's tabs never
  // show here, nor ours there, and a first visit opens the saved examples.
  var PREFIX = "crm-gateway:";

  function ownKeys() {
    return Object.keys(window.localStorage).filter(function (key) {
      return key.indexOf(PREFIX) === 0;
    });
  }

  var storage = {
    getItem: function (key) {
      return window.localStorage.getItem(PREFIX + key);
    },
    setItem: function (key, value) {
      window.localStorage.setItem(PREFIX + key, value);
    },
    removeItem: function (key) {
      window.localStorage.removeItem(PREFIX + key);
    },
    clear: function () {
      ownKeys().forEach(function (key) {
        window.localStorage.removeItem(key);
      });
    },
    get length() {
      return ownKeys().length;
    },
  };

  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      // The saved examples, on a first visit; later visits reopen the tabs left open.
      defaultTabs: config.tabs.map(function (tab) {
        return { query: tab.query, variables: tab.variables, headers: headers };
      }),
      headers: headers,
      // Tabs come back from localStorage without headers, and new ones have none: each
      // gets the page's, so every tab, subscriptions included, runs signed in.
      defaultHeaders: headers,
      // Headers stay in the page, never in localStorage: they hold a credential.
      shouldPersistHeaders: false,
      storage: storage,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: "headers",
      plugins: [GraphiQLPluginExplorer.explorerPlugin()],
      visiblePlugin: GraphiQL.React.DOC_EXPLORER_PLUGIN,
    })
  );
})();
