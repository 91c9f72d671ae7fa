"""The service layer's machinery every domain shares: the caller's context, errors,
records and the generic read and write paths, filters, pages, events, permissions."""
