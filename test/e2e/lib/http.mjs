// Reading an answer whose body may or may not be JSON (n8n's webhook answers, its REST errors).

/** The body as text and, when it parses, as JSON; otherwise `json` is the text itself. */
export async function readAnswer(res) {
	const text = await res.text();
	try {
		return { text, json: JSON.parse(text) };
	} catch {
		return { text, json: text };
	}
}
