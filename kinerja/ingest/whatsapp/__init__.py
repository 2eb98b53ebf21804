"""WhatsApp chat exports (.txt / .zip): messages, complaint candidates, suggestions (issue 14)."""
