// The webpack configuration of our Node applications (api, worker, the simulators): Nx's app plugin, tsc with the
// full type-aware emit (tools/build/type-aware-emit.js), one unoptimised bundle with source maps in dist/apps/<name>.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/** `name`: the app's folder under apps/ (and dist/apps/); `assets`: extra asset folders, relative to the app. */
module.exports = function nodeAppWebpackConfig(name, { assets } = {}) {
  return {
    output: {
      path: join(__dirname, '../../dist/apps', name),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && {
        devtoolModuleFilenameTemplate: '[absolute-resource-path]',
      }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        transformers: [{ name: join(__dirname, 'type-aware-emit.js') }],
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        ...(assets ? { assets } : {}),
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
    ],
  };
};
