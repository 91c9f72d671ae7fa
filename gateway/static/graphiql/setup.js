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

  var fetcher = GraphiQL.createFetcher({
    url: config.endpoint,
    enableIncrementalDelivery: false,
    headers: { Accept: "application/graphql-response+json, application/json;q=0.9" },
  });

  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      headers: headers,
      // Headers stay in the page, never in localStorage: they hold a credential.
      shouldPersistHeaders: false,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: "headers",
      visiblePlugin: GraphiQL.React.DOC_EXPLORER_PLUGIN,
    })
  );
})();
