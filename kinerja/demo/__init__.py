"""The seeded Kota Kupang 2018 demo (also the tests' data), loaded through the services."""
