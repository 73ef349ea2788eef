"""Messages to people: editable templates, an e-mail outbox (some letters wait for release) and in-app notices."""
