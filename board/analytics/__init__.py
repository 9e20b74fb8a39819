"""Listing analytics: how often each job's page is seen, its apply form shown, and
how many applications it received, per day (counters.py counts, reports.py reads)."""
