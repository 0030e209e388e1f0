"""E-mail through an outbox: stored with what it is about, delivered after the commit.

`outbox.enqueue` adds a message to the caller's transaction; `delivery.deliver_due`
claims due messages atomically and sends them over SMTP, from the workers' chores
and `flask --app app mail send`.
"""
