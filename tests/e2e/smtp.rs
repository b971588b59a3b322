//! A minimal SMTP server on loopback, enough for lettre to deliver to it: it proves the SMTP
//! path end to end without a real mail server.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

pub struct SmtpSink {
    pub port: u16,
    messages: Receiver<String>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind smtp");
        let port = listener.local_addr().expect("addr").port();
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let mut writer = stream.try_clone().expect("clone");
                    let mut reader = BufReader::new(stream);
                    let mut say = |line: &str| writer.write_all(format!("{line}\r\n").as_bytes());
                    if say("220 sink ESMTP").is_err() {
                        return;
                    }
                    let mut line = String::new();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                        let command = line.trim_end().to_ascii_uppercase();
                        let reply = if command.starts_with("EHLO") || command.starts_with("HELO") {
                            "250 sink"
                        } else if command.starts_with("DATA") {
                            let _ = say("354 end with <CRLF>.<CRLF>");
                            let mut data = String::new();
                            let mut chunk = String::new();
                            while reader.read_line(&mut chunk).is_ok_and(|n| n > 0) {
                                if chunk == ".\r\n" {
                                    break;
                                }
                                data.push_str(&chunk);
                                chunk.clear();
                            }
                            let _ = tx.send(data);
                            "250 queued"
                        } else if command.starts_with("QUIT") {
                            let _ = say("221 bye");
                            return;
                        } else {
                            "250 ok"
                        };
                        if say(reply).is_err() {
                            return;
                        }
                        line.clear();
                    }
                });
            }
        });
        SmtpSink { port, messages }
    }

    /// The next message delivered, raw (headers and body).
    pub fn next_message(&self) -> String {
        self.messages.recv_timeout(Duration::from_secs(30)).expect("an email within 30 s")
    }
}
