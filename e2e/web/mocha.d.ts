// mocha's prebuilt browser bundle (what the web-worker suite runs on): the `mocha` object.
declare module 'mocha/mocha.js' {
  const mocha: BrowserMocha;
  export default mocha;
}
