// The dashboard brings its figures up to date every few seconds while it is in view. Without this module it shows
// them as of its loading and says to reload.
import { refreshParts } from "aft/page";

const seconds = Number(document.getElementById("dashboard-live")?.dataset.refreshSeconds);

if (seconds > 0) {
  showRefreshNote();
  // The next round is set when this one ends, so a slow answer never has a second request overtake it.
  setTimeout(refresh, seconds * 1000);
}

async function refresh() {
  const live = document.getElementById("dashboard-live");
  // Not while no one looks, nor while the keyboard focus is inside: replacing the part would drop it.
  const idle = document.visibilityState !== "visible" || live.contains(document.activeElement);
  const result = idle ? "skipped" : await refreshParts("dashboard-live");
  if (result === "signed out") {
    location.reload();
    return;
  }

  if (result === "updated") showRefreshNote();
  setTimeout(refresh, seconds * 1000);
}

function showRefreshNote() {
  document.getElementById("dashboard-refresh").textContent = `It updates itself every ${seconds} seconds.`;
}
