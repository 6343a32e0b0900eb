import { CopernicaEmulator } from './server';

/**
 * Runs the emulator on its own: `npm run emulator [-- <port>]`. Accepts the access token in
 * COPERNICA_EMULATOR_TOKEN (default `emulator-token`).
 */
async function main(): Promise<void> {
	const port = Number(process.argv[2] ?? 18080);
	const emulator = new CopernicaEmulator({
		tokens: [process.env.COPERNICA_EMULATOR_TOKEN ?? 'emulator-token'],
	});
	const baseUrl = await emulator.start(port);
	process.stdout.write(`Copernica emulator listening: API Base URL ${baseUrl}\n`);
	process.stdout.write(`Webhook signing key in DNS-over-HTTPS: ${emulator.dohUrl}?name=${emulator.webhooks.key.keyId}&type=TXT\n`);
}

void main();
