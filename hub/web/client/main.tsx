// The hub's web view in the browser: mounts the page.
import { render } from 'preact'
import { App } from './app.js'
import './style.css'

render(<App />, document.getElementById('app')!)
