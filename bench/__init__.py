"""`make bench`: the gateway measured against floors it builds in the same run."""
