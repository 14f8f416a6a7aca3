// The HTTP API's interactive description at /docs: Swagger UI (vendored) over /openapi.json.
// Loaded as a classic script after the bundle, so SwaggerUIBundle is a global by now.
window.SwaggerUIBundle({
  url: new URL('openapi.json', document.baseURI).pathname,
  dom_id: '#swagger-ui',
  layout: 'BaseLayout',
  presets: [window.SwaggerUIBundle.presets.apis],
  deepLinking: true,
  showExtensions: true,
  // no badge fetched from the public validator: the page makes no request elsewhere
  validatorUrl: null,
});
