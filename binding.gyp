{
  "targets": [
    {
      "target_name": "ndinterop",
      "sources": [
        "<!@(node scripts/list-sources.mjs)"
      ],
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
      "cflags_cc": ["-fexceptions", "-Wall", "-Wextra", "-O3"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "OTHER_CFLAGS": ["-Wall", "-Wextra", "-O3"]
      },
      "conditions": [
        # The code is C++17; Node 24's V8 headers (ABI 137) require C++20.
        ["node_module_version!='' and node_module_version>=137", {
          "cflags_cc": ["-std=c++20"]
        }, {
          "cflags_cc": ["-std=c++17"]
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
