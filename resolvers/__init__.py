"""The service layer: every rule of the CRM, called alike by GraphQL and every REST dialect.

`resolvers.core` holds the machinery every domain shares (the caller's context, errors,
records, the generic read and write paths, filters, pages, events, permissions); `models`
the tables. Every other module or package is one domain, and a domain package names its
files one way:
- `resource.py`: what the generic paths and the graph know of it (its `Resource`, relations,
  what a client may write, its verbs) and its plain reads;
- `inputs.py`: what a client may write, where that outgrows `resource.py`;
- `reads.py`: reads beyond the generic ones (REST list filters, figures beside a record);
- `rules.py`: its own rules around the ordinary verbs (the hooks `core.writes` calls);
- `actions.py`: verbs beyond create/update/delete/restore (send, sign, convert, merge...);
- one module per part it owns beside the record (comments, replies, timers, settlement).
"""
