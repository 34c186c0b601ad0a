"""Documents the service tests submit."""

ENGLISH = (
    "The mayor said on Monday that the bridge would reopen in May after repairs. "
    "Engineers had warned that the structure was unsafe for heavy traffic."
)
GERMAN = (
    "Der Bürgermeister sagte am Montag, dass die Brücke im Mai wieder geöffnet wird. "
    "Die Ingenieure hatten gewarnt, dass das Bauwerk für den Verkehr nicht sicher sei."
)
PAGE = (
    "<html lang='en'><head><title>Bridge to reopen</title></head><body><article>"
    f"<h1>Bridge to reopen</h1><p>{ENGLISH}</p><p>Residents welcomed the news.</p>"
    "</article></body></html>"
).encode()
