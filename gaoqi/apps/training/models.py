"""科创学堂 training: programmes, sessions, registrations, check-in, certificates."""
