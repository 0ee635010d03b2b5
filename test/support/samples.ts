// The sample builder lives in the generator (the test vectors and the OpenAPI examples use
// it too); tests import it from here as before.
export type { Json } from '../../generator/json.js'
export { locate, Sampler, setAt, type Spot } from '../../generator/samples.js'
