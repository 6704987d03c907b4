"""The transactional outbox, shared by both apps: the model, the enqueue/relay services, the relay task."""
