// The VFS editor: choosing a type shows its fields at once. Without this module the "Show its fields" button asks the
// server for the page with them (a GET), so the page works either way.
const select = document.getElementById("type");
const typeValue = document.getElementById("vfs-type-value");

if (select && typeValue) {
  document.getElementById("vfs-show-type")?.setAttribute("hidden", "");
  select.addEventListener("change", () => {
    // Fields of the other types are disabled as well as hidden, so the form posts only the chosen type's.
    for (const fieldset of document.querySelectorAll("fieldset[data-vfs-type]")) {
      const active = fieldset.dataset.vfsType === select.value;
      fieldset.hidden = !active;
      fieldset.disabled = !active;
    }
    typeValue.value = select.value;
    // The address says the type too, so a reload or a failed save comes back to it.
    const url = new URL(window.location.href);
    url.searchParams.set("type", select.value);
    window.history.replaceState(null, "", url);
  });
}
