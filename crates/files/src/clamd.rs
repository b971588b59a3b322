//! Virus scanning through clamd (Debian's `clamav-daemon`), with its `INSTREAM` command: the
//! content goes over the socket in chunks, each preceded by its length as four bytes in network
//! order, and a chunk of length zero ends it; clamd answers `stream: OK` or
//! `stream: <signature> FOUND`, or an error (`INSTREAM size limit exceeded. ERROR`).

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use std::path::PathBuf;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Where clamd listens: `unix:/run/clamav/clamd.ctl` or `tcp:127.0.0.1:3310`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    Unix(PathBuf),
    Tcp(String),
}

impl Address {
    /// Parses `unix:PATH`, `tcp:HOST:PORT`, or a bare absolute path (a Unix socket).
    pub fn parse(text: &str) -> Option<Address> {
        let text = text.trim();
        if let Some(path) = text.strip_prefix("unix:") {
            return (!path.is_empty()).then(|| Address::Unix(PathBuf::from(path)));
        }
        if let Some(address) = text.strip_prefix("tcp:") {
            return address
                .rsplit_once(':')
                .filter(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok())
                .map(|_| Address::Tcp(address.to_owned()));
        }
        text.starts_with('/').then(|| Address::Unix(PathBuf::from(text)))
    }
}

/// What clamd found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The signature found.
    Infected(String),
}

/// Chunks sent to clamd (well under its default `StreamMaxLength` of 25 MB per stream).
const CHUNK: usize = 64 * 1024;
/// A scan that takes longer is abandoned (the file stays pending, to be tried again).
const TIMEOUT: Duration = Duration::from_secs(120);

/// Scans `content` with the clamd at `address`.
pub async fn scan<S>(address: &Address, content: S) -> anyhow::Result<Verdict>
where
    S: Stream<Item = std::io::Result<Bytes>> + Unpin,
{
    let work = async {
        match address {
            Address::Unix(path) => instream(tokio::net::UnixStream::connect(path).await?, content).await,
            Address::Tcp(address) => instream(tokio::net::TcpStream::connect(address).await?, content).await,
        }
    };
    tokio::time::timeout(TIMEOUT, work).await.map_err(|_| anyhow::anyhow!("clamd did not answer within {TIMEOUT:?}"))?
}

async fn instream<C, S>(mut socket: C, mut content: S) -> anyhow::Result<Verdict>
where
    C: AsyncRead + AsyncWrite + Unpin,
    S: Stream<Item = std::io::Result<Bytes>> + Unpin,
{
    socket.write_all(b"zINSTREAM\0").await?;
    while let Some(bytes) = content.next().await {
        for chunk in bytes?.chunks(CHUNK) {
            let length = u32::try_from(chunk.len())?;
            socket.write_all(&length.to_be_bytes()).await?;
            socket.write_all(chunk).await?;
        }
    }
    socket.write_all(&0u32.to_be_bytes()).await?;
    socket.flush().await?;
    let mut answer = Vec::new();
    (&mut socket).take(4096).read_to_end(&mut answer).await?;
    verdict(&String::from_utf8_lossy(&answer))
}

/// Reads clamd's answer to one stream.
pub fn verdict(answer: &str) -> anyhow::Result<Verdict> {
    let answer = answer.trim_end_matches(['\0', '\n']).trim();
    let rest = answer.strip_prefix("stream:").map(str::trim).unwrap_or(answer);
    if rest == "OK" {
        Ok(Verdict::Clean)
    } else if let Some(signature) = rest.strip_suffix(" FOUND") {
        Ok(Verdict::Infected(signature.trim().to_owned()))
    } else {
        anyhow::bail!("clamd answered {answer:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_answers_are_read() {
        assert_eq!(Address::parse("unix:/run/clamav/clamd.ctl"), Some(Address::Unix("/run/clamav/clamd.ctl".into())));
        assert_eq!(Address::parse("/run/clamav/clamd.ctl"), Some(Address::Unix("/run/clamav/clamd.ctl".into())));
        assert_eq!(Address::parse("tcp:127.0.0.1:3310"), Some(Address::Tcp("127.0.0.1:3310".into())));
        assert_eq!(Address::parse("tcp:nowhere"), None);
        assert_eq!(Address::parse("clamd"), None);
        assert_eq!(verdict("stream: OK\0").unwrap(), Verdict::Clean);
        assert_eq!(verdict("stream: Eicar-Signature FOUND\0").unwrap(), Verdict::Infected("Eicar-Signature".into()));
        assert!(verdict("INSTREAM size limit exceeded. ERROR\0").is_err());
    }

    /// A clamd of our own, speaking the protocol's server side: what reaches it is what was
    /// sent, chunked as the protocol says, and its answer decides the verdict.
    #[tokio::test]
    async fn the_instream_protocol_carries_the_content_in_chunks() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = Address::Tcp(listener.local_addr().unwrap().to_string());
        let server = tokio::spawn(async move {
            let mut received = Vec::new();
            for _ in 0..2 {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut command = [0u8; 10];
                socket.read_exact(&mut command).await.unwrap();
                assert_eq!(&command, b"zINSTREAM\0");
                let mut content = Vec::new();
                loop {
                    let length = socket.read_u32().await.unwrap() as usize;
                    if length == 0 {
                        break;
                    }
                    assert!(length <= CHUNK);
                    let mut chunk = vec![0; length];
                    socket.read_exact(&mut chunk).await.unwrap();
                    content.extend(chunk);
                }
                let infected = content.windows(5).any(|w| w == b"EICAR");
                let answer: &[u8] = if infected { b"stream: Eicar-Test-Signature FOUND\0" } else { b"stream: OK\0" };
                socket.write_all(answer).await.unwrap();
                received.push(content.len());
            }
            received
        });
        let big = Bytes::from(vec![b'a'; 150_000]);
        let clean = futures_util::stream::iter(vec![Ok(big.clone()), Ok(Bytes::from_static(b"tail"))]);
        assert_eq!(scan(&address, clean).await.unwrap(), Verdict::Clean);
        let infected = futures_util::stream::iter(vec![Ok(Bytes::from_static(b"X5O!P%@AP EICAR test"))]);
        assert_eq!(scan(&address, infected).await.unwrap(), Verdict::Infected("Eicar-Test-Signature".into()));
        assert_eq!(server.await.unwrap(), vec![150_004, 20]);
    }
}
