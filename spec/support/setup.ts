// Loaded by mocha before any spec (.mocharc.json "require").
// The SDK warns once per process that its 2027 releases need Node 22; the lockfile pins the
// versions we test, so the warning is noise in spec output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
