// Check-in at the door. Where the browser has a BarcodeDetector that reads QR codes, a button opens the rear camera;
// the first code seen fills the code box (the ticket's QR holds the check-in link: its code= parameter is taken, else
// the raw text) and submits the form. Without it (or without JavaScript) the page keeps the code box and the photo form.
(() => {
    'use strict';
    const section = document.getElementById('scan');
    const form = document.getElementById('check-in-form');
    const input = document.getElementById('code');
    const box = document.getElementById('camera');
    const video = document.getElementById('camera-video');
    if (!section || !form || !input || !box || !video || !('BarcodeDetector' in window)
        || !navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== 'function') {
        return;
    }

    function codeOf(text) {
        try {
            const url = new URL(text);
            const code = url.searchParams.get('code');
            if (code) {
                return code;
            }
        } catch {
            // Not a link: the raw text is the code.
        }
        return text.trim();
    }

    function say(text) {
        const region = document.getElementById('check-in-result');
        if (region) {
            const p = document.createElement('p');
            p.className = 'error';
            p.textContent = text;
            region.replaceChildren(p);
        }
    }

    async function start(button) {
        let formats = [];
        try {
            formats = await BarcodeDetector.getSupportedFormats();
        } catch {
            formats = [];
        }
        if (!formats.includes('qr_code')) {
            button.remove();
            return;
        }

        let stream;
        try {
            stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        } catch {
            say(section.dataset.unavailable);
            return;
        }

        const detector = new BarcodeDetector({ formats: ['qr_code'] });
        let running = true;
        const stop = () => {
            running = false;
            stream.getTracks().forEach(t => t.stop());
            box.hidden = true;
            button.textContent = section.dataset.scanLabel;
            button.onclick = () => start(button);
        };
        video.srcObject = stream;
        box.hidden = false;
        await video.play();
        button.textContent = section.dataset.stopLabel;
        button.onclick = stop;

        const look = async () => {
            if (!running) {
                return;
            }
            try {
                const found = await detector.detect(video);
                if (found.length > 0 && found[0].rawValue) {
                    input.value = codeOf(found[0].rawValue);
                    stop();
                    form.requestSubmit();
                    return;
                }
            } catch {
                // A frame that is not ready yet: try the next one.
            }
            setTimeout(look, 250);
        };
        look();
    }

    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.id = 'start-camera';
    button.textContent = section.dataset.scanLabel;
    button.onclick = () => start(button);
    section.querySelector('h2').after(button);
})();
