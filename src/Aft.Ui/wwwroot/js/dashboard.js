// The dashboard brings its figures up to date every few seconds while it is in view. Without this module it shows
// them as of its loading and says to reload.
import { refreshParts } from "aft/page";

const seconds = Number(document.getElementById("dashboard-live")?.dataset.refreshSeconds);

if (seconds > 0) {
  announce();
  const timer = setInterval(async () => {
    const live = document.getElementById("dashboard-live");
    // Not while no one looks, nor while the keyboard focus is inside: replacing the part would drop it.
    if (document.visibilityState !== "visible" || live.contains(document.activeElement)) return;
    const result = await refreshParts("dashboard-live");
    if (result === "signed out") {
      clearInterval(timer);
      location.reload();
    } else if (result === "updated") {
      announce();
    }
  }, seconds * 1000);

  function announce() {
    document.getElementById("dashboard-refresh").textContent = `It updates itself every ${seconds} seconds.`;
  }
}
