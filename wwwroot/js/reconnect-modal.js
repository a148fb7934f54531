// Drives the reconnect dialog in ReconnectModal.razor from the states blazor.web.js reports.
const modal = document.getElementById("components-reconnect-modal");
modal.addEventListener("components-reconnect-state-changed", event => {
    const state = event.detail.state;
    if (state === "show") {
        modal.showModal();
    } else if (state === "hide") {
        modal.close();
    } else if (state === "failed") {
        document.addEventListener("visibilitychange", retryWhenVisible);
    } else if (state === "rejected") {
        location.reload(); // the server no longer has this circuit: a fresh page is the only way back
    }
});

document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        if (!await Blazor.reconnect()) {
            location.reload();
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) {
            location.reload();
        }
    } catch {
        modal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
