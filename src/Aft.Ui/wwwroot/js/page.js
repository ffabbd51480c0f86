// Parts of a server-rendered page brought up to date from a fresh copy of the same page, so what a script shows is
// always what the server renders and no page has a second, client-side copy of its markup.

// Fetches this page again and puts the fresh copy of each element named in `ids` in place of the one shown.
// Says "updated", "signed out" (the session ended: the fetch led to the sign-in page) or "unavailable".
export async function refreshParts(...ids) {
  let response;
  try {
    response = await fetch(location.href, { headers: { Accept: "text/html" } });
  } catch {
    return "unavailable";
  }

  if (response.redirected && new URL(response.url).pathname === "/login") return "signed out";
  if (!response.ok) return "unavailable";
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  for (const id of ids) {
    const fresh = page.getElementById(id);
    const shown = document.getElementById(id);
    if (fresh && shown) shown.replaceWith(document.importNode(fresh, true));
  }
  return "updated";
}
