{
  "targets": [
    {
      "target_name": "infonce_native",
      "sources": [
        "native/addon.c",
        "native/ik_gemm.c",
        "native/ik_loss.c",
        "native/ik_ops.c",
        "native/ik_threads.c"
      ],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-O3", "-fno-math-errno", "-fvisibility=hidden", "-pthread", "-Wall", "-Wno-unused-function", "-Wno-psabi"],
      "cflags!": ["-O2"],
      "ldflags": ["-pthread"],
      "xcode_settings": {
        "OTHER_CFLAGS": ["-O3", "-fno-math-errno", "-fvisibility=hidden"]
      }
    },
    {
      "target_name": "infonce_csv",
      "sources": ["native/csv_scan.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-O3", "-fvisibility=hidden", "-pthread", "-Wall"],
      "cflags!": ["-O2"],
      "ldflags": ["-pthread"],
      "xcode_settings": {
        "OTHER_CFLAGS": ["-O3", "-fvisibility=hidden"]
      }
    }
  ]
}
