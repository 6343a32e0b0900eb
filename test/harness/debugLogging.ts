/**
 * Imported first by tests that read n8n's log output: the logger reads its level once, when
 * n8n-core loads, and debug is the level at which most is written.
 */
process.env.N8N_LOG_LEVEL = 'debug';
