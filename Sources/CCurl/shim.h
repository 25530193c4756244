#include <curl/curl.h>

// curl_easy_setopt is variadic, which Swift cannot call: typed wrappers for the options used.
static inline CURLcode evsesim_curl_set_string(CURL *c, CURLoption o, const char *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode evsesim_curl_set_long(CURL *c, CURLoption o, long v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode evsesim_curl_set_pointer(CURL *c, CURLoption o, void *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode evsesim_curl_set_write(CURL *c, size_t (*f)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, f);
}
static inline CURLcode evsesim_curl_set_read(CURL *c, size_t (*f)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(c, CURLOPT_READFUNCTION, f);
}
static inline CURLcode evsesim_curl_set_size(CURL *c, curl_off_t size) {
    return curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, size);
}
static inline CURLcode evsesim_curl_response_code(CURL *c, long *code) {
    return curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
}
