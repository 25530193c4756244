#ifndef EVSESIM_CMOSQUITTO_SHIM_H
#define EVSESIM_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#endif
