/* Stand-in for libx265 in the Linux bundle (see LIBX265_STAND_IN in thoracic-trainer.spec).
 *
 * PyAV's FFmpeg is linked against libx265 (HEVC encoding, ~21 MB), which Thoracic Trainer never
 * uses: its videos are H.264 (libx264) with AAC. This library has the same name and the one entry
 * point FFmpeg calls, and answers "no x265 here":
 *   - x265_api_get(8/10/12), asked while FFmpeg lists its codecs, returns NULL;
 *   - x265_api_get(0), FFmpeg's last try when opening the libx265 encoder, returns an API whose
 *     param_alloc() gives NULL, so FFmpeg fails with "Could not allocate x265 param structure"
 *     instead of crashing, and whose param_free() accepts that NULL.
 * The struct's first members follow x265.h's `x265_api`, unchanged since its first version.
 *
 * Built by the spec with: cc -shared -fPIC -O2 -DX265_API_GET=x265_api_get_<build> -Wl,-soname,<name>
 */
#include <stddef.h>

#ifndef X265_API_GET
#error "define X265_API_GET as the versioned entry point libavcodec imports, e.g. x265_api_get_216"
#endif

typedef struct unavailable_x265_api {
    int api_major_version;
    int api_build_number;
    int sizeof_param;
    int sizeof_picture;
    int sizeof_analysis_data;
    int sizeof_zone;
    int sizeof_stats;
    int bit_depth;
    const char *version_str;
    const char *build_info_str;
    void *(*param_alloc)(void);
    void (*param_free)(void *param);
} unavailable_x265_api;

static void *no_param_alloc(void) { return NULL; }

static void no_param_free(void *param) { (void)param; }

static const unavailable_x265_api unavailable = {
    .version_str = "unavailable",
    .build_info_str = "x265 is not included in the Thoracic Trainer bundle",
    .param_alloc = no_param_alloc,
    .param_free = no_param_free,
};

__attribute__((visibility("default"))) const void *X265_API_GET(int bit_depth)
{
    return bit_depth == 0 ? (const void *)&unavailable : NULL;
}
