"""How long a browser test waits for an outcome the server has to work for.

A fixed short wait fails on a busy machine (two cores, several test runs at once); the
tests wait for the outcome itself and give it this long before they call it lost.
"""

# Freezing the demo agenda, rendering a report, a form submit that writes many rows.
OUTCOME_MS = 120_000
