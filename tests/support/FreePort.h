// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// A TCP port on loopback that nobody listens on now, for the tests that start data-parallel ranks.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace archscope::test {

// The kernel's pick for a socket bound to port 0, released again (another process could take it in
// between, which a test run does not).
inline int freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &size);
    ::close(fd);
    return ntohs(a.sin_port);
}

} // namespace archscope::test
