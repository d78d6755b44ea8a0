"""Whole public pages for anonymous visitors, cached under a version every change moves on.

A save, a deletion or an m2m change of anything a public page can show inserts a row into
`PageVersion` in the same transaction (signals.py; bulk paths call `bump` themselves). The
cache key holds the highest row id, so a committed change makes every stored page unreachable
at once, in every process: the version lives in the database, the pages in the cache
(LocMemCache per process, or Redis). See middleware.py for which requests qualify, and
staff.py for the staff lists, cached per user under the same version.
"""
