"""What the words mean: schema, vocabulary, settings, access policy, units, accounts and text."""
