/**
 * The settings page: port of the local service, automatic analysis and Global Privacy Control. It asks the worker for the current
 * values and sends new ones; `<html data-options-state="ready">` tells tests it has loaded.
 */
import { ext } from "../lib/browser.js";
import { MSG } from "../lib/messages.js";

const form = document.getElementById("options");
const port = document.getElementById("port");
const auto = document.getElementById("auto");
const gpc = document.getElementById("gpc");
const saved = document.getElementById("saved");
const serviceStatus = document.getElementById("service-status");

async function ask(message) {
  try {
    return (await ext.runtime.sendMessage(message)) ?? { ok: false };
  } catch (error) {
    return { ok: false, error: { message: String(error?.message ?? error) } };
  }
}

async function checkService() {
  serviceStatus.className = "status";
  serviceStatus.textContent = "Checking…";
  const reply = await ask({ type: MSG.CHECK_SERVICE });
  const status = reply.data;
  if (reply.ok && status.running) {
    serviceStatus.className = "status ok";
    serviceStatus.textContent = `Connected: TermsLens ${status.version} with ${status.records} records, on port ${status.port}.`;
  } else {
    serviceStatus.className = "status error";
    serviceStatus.textContent = !reply.ok
      ? "The extension could not check the service."
      : status.busy
        ? `TermsLens on port ${status.port} is running but busy; check again in a moment.`
        : `Nothing answers on port ${status.port}. Start the service with: ${status.command}`;
  }
}

async function load() {
  const reply = await ask({ type: MSG.GET_OPTIONS });
  if (reply.ok) {
    port.value = String(reply.data.port);
    auto.checked = reply.data.autoAnalyze;
    gpc.checked = reply.data.sendGpc;
  }
  document.documentElement.dataset.optionsState = "ready";
  checkService();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const value = Number(port.value);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    saved.className = "status error";
    saved.textContent = "The port is a whole number from 1 to 65535.";
    port.focus();
    return;
  }
  const reply = await ask({ type: MSG.SET_OPTIONS, port: value, autoAnalyze: auto.checked, sendGpc: gpc.checked });
  saved.className = reply.ok ? "status ok" : "status error";
  saved.textContent = reply.ok ? "Saved." : "Could not save the settings.";
  if (reply.ok) {
    document.documentElement.dataset.optionsSaved = String(value);
    document.documentElement.dataset.optionsAuto = String(auto.checked);
    document.documentElement.dataset.optionsGpc = String(gpc.checked);
    checkService();
  }
});

document.getElementById("check").addEventListener("click", checkService);
load();
