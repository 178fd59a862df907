{
  "variables": {
    "core_archive%": ""
  },
  "targets": [
    {
      "target_name": "ndinterop",
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "include",
        "native"
      ],
      "defines": [
        "NAPI_VERSION=8",
        "NODE_ADDON_API_CPP_EXCEPTIONS",
        "NODE_ADDON_API_DISABLE_DEPRECATED",
        "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"
      ],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++20"],
      "cflags": ["-Wall", "-Wextra", "-O3"],
      # C++20 for every Node: Node 24's V8 headers (ABI 137) require it, and one
      # standard lets every Node's build share native/core's objects.
      "cflags_cc": ["-std=c++20", "-fexceptions", "-Wall", "-Wextra", "-O3"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++20",
        "OTHER_CFLAGS": ["-Wall", "-Wextra", "-O3"]
      },
      "conditions": [
        # core_archive: an archive of native/core's objects from another build
        # with the same compiler flags (scripts/prebuild.mjs makes one from the
        # Node 20 build for the Node 22 and 24 builds), linked whole (the kernels
        # register their loops from static initialisers nothing else refers
        # to) instead of compiling native/core again:
        #   node-gyp rebuild -- -Dcore_archive=/abs/path/core.a
        ["core_archive==''", {
          "sources": ["<!@(node scripts/list-sources.mjs)"]
        }, {
          "sources": ["<!@(node scripts/list-sources.mjs napi)"],
          "libraries": ["-Wl,--whole-archive", "<(core_archive)", "-Wl,--no-whole-archive"]
        }],
        ["'<!(node -p \"process.env.NDINTEROP_SANITIZE || ''\")'!=''", {
          "cflags": ["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-g"],
          "cflags_cc": ["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-g"],
          "ldflags": ["-fsanitize=address,undefined"]
        }]
      ]
    }
  ]
}
