// The job page: follows the log while the job runs (Server-Sent Events from /ui/jobs/{id}/log), keeps the status,
// attempts and transfer progress current, and shows the page's final state when the job ends. Without this module
// the page shows the log as it was when it loaded.
import { refreshParts } from "aft/page";

const log = document.getElementById("job-log");

if (log?.dataset.follow === "true") {
  follow(log);
}

function follow(log) {
  const state = document.getElementById("job-log-state");
  // Lines already shown; EventSource reconnects with the same address, so lines it sends again are skipped by id.
  let last = Number(log.dataset.after);
  const source = new EventSource(`${log.dataset.stream}?after=${last}`);

  source.addEventListener("log", (event) => {
    const line = JSON.parse(event.data);
    if (line.id <= last) return;
    last = line.id;
    document.getElementById("job-log-empty")?.remove();
    const stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    const span = document.createElement("span");
    span.className = `level-${line.level}`;
    span.textContent = `${time(line.at)} ${line.level.toUpperCase().padEnd(5)} ${line.message}\n`;
    log.append(span);
    if (stick) log.scrollTop = log.scrollHeight;
  });

  source.addEventListener("job", (event) => showJob(JSON.parse(event.data)));

  source.addEventListener("end", async (event) => {
    source.close();
    const job = JSON.parse(event.data);
    state.textContent = job ? `The job ended: ${job.status.replace("_", " ")}. This is its whole log.` : "The job was removed.";
    if (job) showJob(job);
    // The ended job's details (exit code, error, end time, no Cancel button), as the server renders them.
    await refreshParts("job-summary");
  });

  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) {
      state.textContent = "Lost the connection to the log; reload the page to follow it again.";
    }
  });
}

// The same form as the page prints lines: HH:mm:ss.fff in UTC.
function time(at) {
  return new Date(at).toISOString().substring(11, 23);
}

function showJob(job) {
  const badge = document.getElementById("job-status");
  if (badge) {
    badge.textContent = job.status.replace("_", " ");
    badge.className = `badge status-${job.status.replace("_", "")}`;
  }

  const attempts = document.getElementById("job-attempts");
  if (attempts) attempts.textContent = `${job.attempts} of ${job.maxAttempts}`;

  const progress = job.progress;
  const section = document.getElementById("job-progress");
  if (!progress || !section) return;
  section.hidden = false;
  const bar = document.getElementById("job-progress-bar");
  if (progress.bytesTotal > 0) {
    bar.max = progress.bytesTotal;
    bar.value = progress.bytesDone;
  }
  document.getElementById("job-progress-text").textContent =
    `${bytes(progress.bytesDone)} of ${bytes(progress.bytesTotal)}, ${progress.filesDone} of ${progress.filesTotal} files ` +
    `(${progress.filesSkipped} skipped, ${progress.filesFailed} failed)${progress.currentFile ? `, now ${progress.currentFile}` : ""}`;
}

// As the server words sizes (JobDisplay.Bytes): powers of 1024, one decimal.
function bytes(count) {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${count} B` : `${Number(value.toFixed(1))} ${units[unit]}`;
}
